# CloudWatch through boto3 (botocore picks JSON 1.0 among the model's protocols): every line printed is
# checked by CloudWatchBoto3IT.
import datetime
import sys

import boto3
import botocore

cw = boto3.client('cloudwatch', endpoint_url=sys.argv[1], region_name='us-east-1',
                  aws_access_key_id='test', aws_secret_access_key='test')
now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
start = now - datetime.timedelta(minutes=10)

# 500 entries: a body over 10 KiB, which botocore gzips
cw.put_metric_data(Namespace='Py', MetricData=[
    {'MetricName': 'Work', 'Dimensions': [{'Name': 'Worker', 'Value': 'w%d' % (i % 5)}],
     'Timestamp': start + datetime.timedelta(seconds=i), 'Value': float(i), 'Unit': 'Count'} for i in range(500)])
stats = cw.get_metric_statistics(Namespace='Py', MetricName='Work', Dimensions=[{'Name': 'Worker', 'Value': 'w0'}],
                                 StartTime=start, EndTime=now, Period=600, Statistics=['SampleCount', 'Sum'])
point = stats['Datapoints'][0]
print('statistics', stats['Label'], point['SampleCount'], point['Sum'], point['Unit'])

data = cw.get_metric_data(MetricDataQueries=[
    {'Id': 'w1', 'MetricStat': {'Metric': {'Namespace': 'Py', 'MetricName': 'Work',
                                           'Dimensions': [{'Name': 'Worker', 'Value': 'w1'}]},
                                'Period': 60, 'Stat': 'p99'}}], StartTime=start, EndTime=now,
    ScanBy='TimestampAscending')
result = data['MetricDataResults'][0]
print('data', result['Id'], len(result['Values']), result['Values'][0], result['StatusCode'],
      result['Timestamps'][0] == start)

print('metrics', len(cw.list_metrics(Namespace='Py')['Metrics']))

cw.put_dashboard(DashboardName='py', DashboardBody='{"widgets":[]}')
print('dashboard', cw.get_dashboard(DashboardName='py')['DashboardName'],
      [d['DashboardName'] for d in cw.list_dashboards()['DashboardEntries']])

for call in (lambda: cw.put_metric_data(Namespace='Py', MetricData=[{'MetricName': 'x', 'Value': 1, 'Dimensions': [
                 {'Name': 'd%d' % i, 'Value': 'v'} for i in range(31)]}]),
             lambda: cw.get_metric_statistics(Namespace='Py', MetricName='Work', StartTime=start, EndTime=now,
                                              Period=60),
             lambda: cw.put_metric_data(Namespace='Py', MetricData=[{'MetricName': 'x'}]),
             lambda: cw.get_dashboard(DashboardName='none'),
             lambda: cw.delete_dashboards(DashboardNames=['py', 'none'])):
    try:
        call()
        print('error none')
    except botocore.exceptions.ClientError as e:
        print('error', e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])
